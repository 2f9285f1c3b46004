/** Offers `text` (or bytes) to the person as a file named `name` (the browser's download), of type `mediaType`. */
export function offerDownload(name: string, text: string | Uint8Array<ArrayBuffer>, mediaType = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
