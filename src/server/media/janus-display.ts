/**
 * What Janus is told a publisher is called. Janus logs and relays a publisher's `display`, so it is
 * never a person's name: only the opaque label the meetings domain gives (`<participant id>/<source>`,
 * a random id and `camera` or `screen`) goes through; anything else is not sent at all. Nothing in
 * Plenary reads the display back (subscriptions name feeds by their ids).
 */

/** An opaque publisher label: a participant id (`p_` and 10–32 random characters) and its source. */
const opaqueLabel = /^p_[A-Za-z0-9_-]{10,32}\/(camera|screen)$/;

/** The `display` to give Janus for a publisher labelled `label`: the label when opaque, else none. */
export function janusDisplayOf(label: string): string | undefined {
  return opaqueLabel.test(label) ? label : undefined;
}
