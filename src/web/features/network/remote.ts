/** Loading what a page shows from the server, keeping only the newest answer. */
import { useSignal } from '@preact/signals';
import { useCallback, useEffect, useRef } from 'preact/hooks';
import { networkFailureText } from './NetworkForm.js';

/** Something loaded from the server: its value once it arrived, or why it could not be. */
export interface Remote<T> {
  value: T | undefined;
  error: string | undefined;
  /** Loads it again (after a change); answers to earlier loads that arrive later are dropped. */
  reload: () => Promise<void>;
}

/** Loads `load()` once `enabled`, and again whenever `key` changes. */
export function useRemote<T>(enabled: boolean, key: string, load: () => Promise<T>): Remote<T> {
  const state = useSignal<{ value: T | undefined; error: string | undefined }>({ value: undefined, error: undefined });
  const latest = useRef(load);
  latest.current = load;
  const generation = useRef(0);
  const reload = useCallback(async () => {
    generation.current += 1;
    const mine = generation.current;
    try {
      const value = await latest.current();
      if (mine === generation.current) state.value = { value, error: undefined };
    } catch (failure) {
      if (mine === generation.current) state.value = { value: state.peek().value, error: networkFailureText(failure) };
    }
  }, [state]);
  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, key, reload]);
  return { ...state.value, reload };
}
