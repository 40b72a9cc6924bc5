import { useRef, type KeyboardEvent } from 'react';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import type { SxProps, Theme } from '@mui/material/styles';
import { Link as RouterLink } from 'react-router';

export interface LinkTab {
  label: string;
  to: string;
}

/**
 * Tabs that are links, one URL each (the WAI-ARIA tabs pattern: arrow keys, Home and End move between them).
 * It looks like MUI's Tabs without their scroll buttons, resize observers and sliding indicator, about 6 KB gz
 * that a first page with two tabs doesn't need.
 */
export function LinkTabs({ tabs, selected, label, sx }: { tabs: readonly LinkTab[]; selected: number; label: string; sx?: SxProps<Theme> }) {
  const list = useRef<HTMLDivElement>(null);

  function onKeyDown(event: KeyboardEvent) {
    const items = [...(list.current?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])];
    const current = items.indexOf(document.activeElement as HTMLElement);
    const target = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: items.length - 1 }[event.key];
    if (current < 0 || target === undefined) return;
    event.preventDefault();
    items[(target + items.length) % items.length]?.focus();
  }

  return (
    <Box ref={list} role="tablist" aria-label={label} onKeyDown={onKeyDown} sx={[{ display: 'flex', minHeight: 48 }, ...(Array.isArray(sx) ? sx : [sx])]}>
      {tabs.map((tab, index) => (
        <ButtonBase
          key={tab.to}
          component={RouterLink}
          to={tab.to}
          role="tab"
          aria-selected={index === selected}
          tabIndex={index === selected ? 0 : -1}
          focusRipple
          sx={{
            typography: 'button',
            lineHeight: 1.25,
            position: 'relative',
            minWidth: 90,
            minHeight: 48,
            px: 2,
            py: 1.5,
            color: index === selected ? 'primary.main' : 'text.secondary',
            // The selected tab's indicator, where MUI's Tabs draw theirs.
            '&::after': index === selected ? { content: '""', position: 'absolute', left: 0, right: 0, bottom: 0, height: 2, bgcolor: 'primary.main' } : undefined,
          }}
        >
          {tab.label}
        </ButtonBase>
      ))}
    </Box>
  );
}
