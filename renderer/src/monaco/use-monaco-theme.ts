import { useEffect, useState } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

/** Monaco does not follow `color-scheme`; pick its theme from the OS setting, live. */
export function useMonacoTheme(): 'vs' | 'vs-dark' {
  const [dark, setDark] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(QUERY);
    const onChange = () => setDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return dark ? 'vs-dark' : 'vs';
}
