/**
 * A view's data asked of the server at once and again every `mediaServersRefreshMs` while the tab
 * is shown (not while it is hidden); only the latest request's answer is kept, so a slow poll
 * never undoes an action's result. `load` asks again now.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import { callApi } from '../../app/api.js';
import { failureText } from '../../ui/index.js';
import { mediaServersRefreshMs } from './media-servers.js';

export function usePolled<Schema extends z.ZodType>(schema: Schema, path: string) {
  const [data, setData] = useState<z.infer<Schema> | undefined>();
  const [error, setError] = useState<string | undefined>();
  const latest = useRef(0);
  const load = useCallback(async () => {
    const request = ++latest.current;
    try {
      const reply = await callApi(schema, path);
      if (request !== latest.current) return;
      setData(reply);
      setError(undefined);
    } catch (failure) {
      if (request === latest.current) setError(failureText(failure));
    }
  }, [schema, path]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, mediaServersRefreshMs);
    return () => {
      clearInterval(timer);
      latest.current += 1;
    };
  }, [load]);
  return { data, error, load };
}
