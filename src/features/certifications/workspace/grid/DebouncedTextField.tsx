import { useEffect, useEffectEvent, useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useDebouncedCallback } from 'use-debounce';

/**
 * A text field that commits what is typed after a pause (300 ms), not on every key. It follows its
 * committed `value` when that changes from outside (a cleared filter, back navigation), without losing
 * what the person is typing.
 */
export function DebouncedTextField({
  value,
  onCommit,
  delayMs = 300,
  ...props
}: Omit<TextFieldProps, 'value' | 'onChange'> & { value: string; onCommit(value: string): void; delayMs?: number }) {
  const [text, setText] = useState(value);
  // The last `value` seen, and the last text committed (whose echo must not overwrite newer typing).
  const [seen, setSeen] = useState(value);
  const [sent, setSent] = useState<string | null>(null);
  if (value !== seen) {
    setSeen(value);
    if (value !== sent) setText(value); // changed from outside: show it
  }
  const commit = useDebouncedCallback((next: string) => {
    setSent(next);
    onCommit(next);
  }, delayMs);
  // A value from outside replaces what was typed: what was typed is not committed after it.
  const onValue = useEffectEvent((next: string) => {
    if (next !== sent) commit.cancel();
  });
  useEffect(() => onValue(value), [value]);
  return (
    <TextField
      {...props}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        if (next === value) commit.cancel();
        else commit(next);
      }}
    />
  );
}
