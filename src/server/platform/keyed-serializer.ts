/**
 * Runs async work one at a time per key (e.g. per email address), in the order it was asked
 * for; work under different keys runs side by side. The map holds only keys with work queued.
 */
export class KeyedSerializer {
  #tails = new Map<string, Promise<unknown>>();

  /** Runs `work` after every earlier work under `key` has settled; its result or error is passed on. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** How many keys have work queued or running. */
  get activeKeys(): number {
    return this.#tails.size;
  }
}
