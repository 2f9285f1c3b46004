/**
 * An event emitter with an event map. A listener that throws is reported to `onListenerError`
 * and never breaks the emitter or the other listeners.
 */
export type EventMap = Record<string, unknown[]>;

type Listener<Args extends unknown[]> = (...args: Args) => void;

export class TypedEmitter<Events extends EventMap> {
  private readonly listeners = new Map<keyof Events, Set<Listener<unknown[]>>>();

  /** Called when a listener throws; default: print to stderr. */
  onListenerError: (error: unknown, event: keyof Events) => void = (error, event) => {
    console.error(`listener of ${String(event)} threw`, error);
  };

  /** Adds a listener; returns a function that removes it. */
  on<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as unknown as Listener<unknown[]>);
    return () => this.off(event, listener);
  }

  /** Adds a listener that runs at most once. */
  once<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): () => void {
    const remove = this.on(event, (...args) => {
      remove();
      listener(...args);
    });
    return remove;
  }

  /** Removes a listener. */
  off<Name extends keyof Events>(event: Name, listener: Listener<Events[Name]>): void {
    this.listeners.get(event)?.delete(listener as unknown as Listener<unknown[]>);
  }

  /** Calls every listener of `event` with `args`, in the order they were added. */
  protected emit<Name extends keyof Events>(event: Name, ...args: Events[Name]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }

  /** Removes every listener. */
  protected removeAllListeners(): void {
    this.listeners.clear();
  }
}
