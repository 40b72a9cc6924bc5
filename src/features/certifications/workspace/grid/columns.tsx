import { createContext, forwardRef, useContext, type HTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import Chip, { type ChipProps } from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { Theme } from '@mui/material/styles';
import { useForkRef } from '@mui/material/utils';
import ErrorOutlineIcon from '@mui/icons-material/ErrorOutlineOutlined';
import { GridActionsCell, type GridColDef, type GridRenderCellParams, type GridRowCheckboxProps } from '@mui/x-data-grid';
import type { AccessReviewItem, CertificationDecision } from '../../../../api/schemas';
import { useItemDecision } from '../decisions/useDecisions';
import { LatestItems, useLatestItem } from './latestRows';
import { RISK_LABELS, riskFlags, type RiskFlag } from '../risk';
import { accessName, accessTypeLabel, description, identityName, ownerName, sourceName } from './clientItems';

/**
 * What the cells need besides their row, passed by context so the columns stay stable: the certification
 * (each decision cell subscribes to its own item's queue entry) and the row actions (stable).
 */
export interface ItemCellContext {
  certificationId: string;
  /** The rows' latest items: the grid keeps its rows while only decisions change. */
  latest: LatestItems;
  readOnly: boolean;
  onDecide(item: AccessReviewItem, decision: CertificationDecision): void;
  onDetails(item: AccessReviewItem): void;
  onReassign(item: AccessReviewItem): void;
}

export const ItemCellContext = createContext<ItemCellContext>({
  certificationId: '',
  latest: new LatestItems(),
  readOnly: true,
  onDecide: () => undefined,
  onDetails: () => undefined,
  onReassign: () => undefined,
});

/** "<access> for <identity>": how controls and announcements name a row. */
export function rowName(item: AccessReviewItem): string {
  return `${accessName(item).trim() || 'unnamed access'} for ${identityName(item).trim() || 'an unnamed identity'}`;
}

const FLAG_COLORS: Record<RiskFlag, ChipProps['color']> = {
  privileged: 'error',
  newAccess: 'warning',
  unused: 'info',
  noDescription: 'default',
  dataAccess: 'secondary',
  hasPermissions: 'default',
};

const FLAG_TITLES: Partial<Record<RiskFlag, string>> = {
  unused: 'The account was not used in the last 90 days (activity insights).',
  newAccess: 'Granted since the last certification.',
  privileged: 'Marked privileged in the source.',
};

/**
 * Text of an API string in one line, cut with an ellipsis, whole in the title; isolated for bidirectional
 * text (a right-to-left override stays in its cell); "(no name)" where the tenant sent none.
 */
export function OneLine({ text, muted, fallback = '—' }: { text: string; muted?: boolean; fallback?: string }) {
  const empty = !text.trim();
  return (
    <bdi className="attest-one-line" title={empty ? undefined : text} data-muted={muted || empty ? '' : undefined}>
      {empty ? fallback : text}
    </bdi>
  );
}

export function FlagsCell({ row }: { row: AccessReviewItem }) {
  const flags = riskFlags(row);
  if (flags.length === 0) return null;
  return (
    <span className="attest-flags">
      {flags.map((flag) => (
        <Chip key={flag} size="small" label={RISK_LABELS[flag]} color={FLAG_COLORS[flag]} title={FLAG_TITLES[flag]} />
      ))}
    </span>
  );
}

export function decisionLabel(decision: CertificationDecision | undefined): string {
  return decision === 'APPROVE' ? 'Approved' : decision === 'REVOKE' ? 'Revoked' : 'Undecided';
}

export function DecisionCell({ row }: { row: AccessReviewItem }) {
  const { certificationId, latest } = useContext(ItemCellContext);
  const effective = useItemDecision(certificationId, useLatestItem(latest, row));
  const failed = effective.state === 'failed' ? effective.failed : undefined;
  // Plain elements styled once by the grid (itemCellStyles): every row has this cell, and it re-renders on
  // each of its decisions. Two lines fit in the row's 48 px: a row that grew while "Saving…" showed made
  // the grid re-measure and move every row below it, on every decision.
  return (
    <span className="attest-decision" data-decision={effective.decision ?? undefined}>
      <span className="attest-decision-label">{decisionLabel(effective.decision)}</span>
      {effective.state === 'queued' || effective.state === 'sending' ? <span className="attest-decision-note">Saving…</span> : null}
      {failed ? (
        <Tooltip describeChild title={`${failed.decision === 'REVOKE' ? 'Revoke' : 'Approve'} was not saved: ${effective.message ?? 'the tenant refused it.'}`}>
          <span className="attest-decision-failed" tabIndex={0}>
            <ErrorOutlineIcon fontSize="small" aria-hidden />
            <span>Not saved</span>
          </span>
        </Tooltip>
      ) : null}
    </span>
  );
}

export function CommentCell({ row }: { row: AccessReviewItem }) {
  const { certificationId, latest } = useContext(ItemCellContext);
  const comments = useItemDecision(certificationId, useLatestItem(latest, row)).comments;
  return comments ? <OneLine text={comments} /> : null;
}

/**
 * The cells' own styles, given to the grid once (its sx). A styled component in a cell runs and serializes
 * its styles on every render, and a page has 25 rows of them.
 */
export function itemCellStyles(theme: Theme) {
  const palette = (theme.vars ?? theme).palette;
  // Status text that keeps 4.5:1 on selected and hovered rows too: the dark shade in the light scheme
  // (main is 4.4:1 on a selected row), the light shade in the dark one.
  const tone = (name: 'success' | 'error') => ({ color: palette[name].dark, ...theme.applyStyles('dark', { color: palette[name].light }) });
  return {
    '& .attest-flags': { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5), paddingBlock: theme.spacing(0.5) },
    // Typography body2 for the decision, caption for its state (DecisionCell).
    '& .attest-decision': { display: 'flex', flexDirection: 'column', minWidth: 0 },
    '& .attest-decision-label': { ...theme.typography.body2, color: palette.text.secondary },
    '& [data-decision] > .attest-decision-label': { fontWeight: 500 },
    '& [data-decision="APPROVE"] > .attest-decision-label': tone('success'),
    '& [data-decision="REVOKE"] > .attest-decision-label': tone('error'),
    '& .attest-decision-note': { ...theme.typography.caption, lineHeight: 1.2, color: palette.text.secondary },
    '& .attest-decision-failed': {
      ...theme.typography.caption,
      ...tone('error'),
      display: 'inline-flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      width: 'fit-content',
      fontWeight: 600,
      lineHeight: 1.2,
    },
    // MUI's Checkbox (its padding, colours and icons) as a plain input over an SVG: RowCheckbox.
    '& .attest-row-check': {
      position: 'relative',
      display: 'inline-flex',
      flex: '0 0 auto',
      padding: '9px',
      borderRadius: '50%',
      color: palette.text.secondary,
      '&[data-checked]': { color: palette.primary.main },
      '&:hover': {
        backgroundColor: theme.alpha(palette.primary.main, palette.action.hoverOpacity),
        '@media (hover: none)': { backgroundColor: 'transparent' },
      },
      '& input': { position: 'absolute', inset: 0, width: '100%', height: '100%', margin: 0, padding: 0, opacity: 0, cursor: 'pointer', zIndex: 1 },
      '& svg': { display: 'block', width: '1em', height: '1em', fontSize: theme.typography.pxToRem(24), fill: 'currentColor', userSelect: 'none' },
    },
    // Typography body2, noWrap: the one-line text of API strings (OneLine).
    '& .attest-one-line': {
      typography: 'body2',
      display: 'block',
      unicodeBidi: 'isolate',
      minWidth: 0,
      margin: 0,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      '&[data-muted]': { color: (theme.vars ?? theme).palette.text.secondary, fontStyle: 'italic' },
    },
    // A row action (RowAction) looks like the grid's small icon button.
    '& .attest-row-action': {
      display: 'inline-flex',
      alignItems: 'center',
      justifyContent: 'center',
      flex: '0 0 auto',
      boxSizing: 'border-box',
      margin: 0,
      border: 0,
      padding: '5px',
      borderRadius: '50%',
      backgroundColor: 'transparent',
      color: (theme.vars ?? theme).palette.action.active,
      fontSize: theme.typography.pxToRem(18),
      cursor: 'pointer',
      userSelect: 'none',
      verticalAlign: 'middle',
      appearance: 'none',
      outline: 0,
      WebkitTapHighlightColor: 'transparent',
      transition: theme.transitions.create('background-color', { duration: theme.transitions.duration.shortest }),
      '&:hover': {
        backgroundColor: theme.alpha((theme.vars ?? theme).palette.action.active, (theme.vars ?? theme).palette.action.hoverOpacity),
        '@media (hover: none)': { backgroundColor: 'transparent' },
      },
      // IconButton marks keyboard focus with its focus ripple; a plain button with an outline.
      '&:focus-visible': { outline: `2px solid ${(theme.vars ?? theme).palette.primary.main}`, outlineOffset: 1 },
      // SvgIcon's own styles, for the plain icons.
      '& svg': { display: 'inline-block', width: '1em', height: '1em', flexShrink: 0, fill: 'currentColor', userSelect: 'none' },
      '& svg[data-tone="success"]': { color: (theme.vars ?? theme).palette.success.main },
      '& svg[data-tone="error"]': { color: (theme.vars ?? theme).palette.error.main },
    },
  };
}

/**
 * A row action: a plain button that looks like the grid's small icon button (itemCellStyles). Every row has
 * four, and the ~11 components of an IconButton (ButtonBase, its ripple and focus tracking) were 40% of a
 * row's render. GridActionsCell still moves focus between them (arrow keys) and sets their tabIndex.
 */
interface RowActionProps {
  icon: ReactNode;
  label: string;
  onClick(event: MouseEvent<HTMLButtonElement>): void;
  /** Set by GridActionsCell (roving focus between the cell's buttons). */
  tabIndex?: number;
  /** GridActionsCell hands every action a ripple ref; a plain button has no ripple. */
  touchRippleRef?: unknown;
}

const RowAction = forwardRef<HTMLButtonElement, RowActionProps>(function RowAction({ icon, label, onClick, tabIndex, touchRippleRef: _ripple, ...rest }, ref) {
  return (
    <button {...rest} ref={ref} type="button" className="attest-row-action" aria-label={label} tabIndex={tabIndex} onClick={onClick}>
      {icon}
    </button>
  );
});

/**
 * A row's selection checkbox: what MUI's Checkbox draws (its 9 px padding, colours and the Material box
 * icons) as a plain input over an SVG, styled once by the grid (itemCellStyles). The ~12 components of a
 * Checkbox (SwitchBase, ButtonBase, its ripple, the icon and their styles) were an eighth of a row's render.
 * The grid still owns the state: it gives the checked state, the name and the handlers.
 */
type RowCheckboxProps = GridRowCheckboxProps & Pick<HTMLAttributes<HTMLSpanElement>, 'onClick' | 'onMouseDown' | 'onKeyDown'>;

export const RowCheckbox = forwardRef<HTMLSpanElement, RowCheckboxProps>(function RowCheckbox(props, ref) {
  const { checked, indeterminate, disabled, onChange, onClick, onMouseDown, onKeyDown, tabIndex, className, style, name, id, inputRef, slotProps } = props;
  const { ref: htmlInputRef, ...htmlInput } = slotProps?.htmlInput ?? {};
  const setInput = useForkRef(inputRef, htmlInputRef);
  return (
    <span
      ref={ref}
      className={className ? `attest-row-check ${className}` : 'attest-row-check'}
      style={style}
      data-checked={checked || indeterminate ? '' : undefined}
      onClick={onClick}
      onMouseDown={onMouseDown}
      onKeyDown={onKeyDown}
    >
      <input {...htmlInput} ref={setInput} id={id} name={name ?? htmlInput.name} type="checkbox" checked={Boolean(checked)} disabled={disabled} tabIndex={tabIndex} onChange={onChange} />
      {indeterminate ? CHECK_INDETERMINATE : checked ? CHECK_ON : CHECK_OFF}
    </span>
  );
});

/** Material's CheckBoxOutlineBlank, CheckBox and IndeterminateCheckBox, as MUI's Checkbox draws them. */
const CHECK_OFF = checkIcon('M19 5v14H5V5h14m0-2H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2z');
const CHECK_ON = checkIcon('M19 3H5c-1.11 0-2 .9-2 2v14c0 1.1.89 2 2 2h14c1.11 0 2-.9 2-2V5c0-1.1-.89-2-2-2zm-9 14l-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8l-9 9z');
const CHECK_INDETERMINATE = checkIcon('M19 3H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2zm-2 10H7v-2h10v2z');
function checkIcon(path: string) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden focusable="false">
      <path d={path} />
    </svg>
  );
}

/** Material icons' paths (Check, Block, PersonAddAlt, InfoOutlined) as plain SVG, made once: every row shows the same four. */
function icon(path: string, tone?: 'success' | 'error') {
  return (
    <svg viewBox="0 0 24 24" aria-hidden focusable="false" data-tone={tone}>
      <path d={path} />
    </svg>
  );
}
const APPROVE_ICON = icon('M9 16.17 4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z', 'success');
const REVOKE_ICON = icon(
  'M12 2C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2M4 12c0-4.42 3.58-8 8-8 1.85 0 3.55.63 4.9 1.69L5.69 16.9C4.63 15.55 4 13.85 4 12m8 8c-1.85 0-3.55-.63-4.9-1.69L18.31 7.1C19.37 8.45 20 10.15 20 12c0 4.42-3.58 8-8 8',
  'error',
);
const REASSIGN_ICON = icon(
  'M13 8c0-2.21-1.79-4-4-4S5 5.79 5 8s1.79 4 4 4 4-1.79 4-4m-2 0c0 1.1-.9 2-2 2s-2-.9-2-2 .9-2 2-2 2 .9 2 2M1 18v2h16v-2c0-2.66-5.33-4-8-4s-8 1.34-8 4m2 0c.2-.71 3.3-2 6-2 2.69 0 5.78 1.28 6 2zm17-3v-3h3v-2h-3V7h-2v3h-3v2h3v3z',
);
const DETAILS_ICON = icon(
  'M11 7h2v2h-2zm0 4h2v6h-2zm1-9C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2m0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8',
);

function ActionsCell(params: GridRenderCellParams<AccessReviewItem>) {
  const { onDecide, onDetails, onReassign } = useContext(ItemCellContext);
  const row = params.row;
  const name = rowName(row);
  return (
    <GridActionsCell {...params} suppressChildrenValidation>
      <RowAction icon={APPROVE_ICON} label={`Approve ${name}`} onClick={() => onDecide(row, 'APPROVE')} />
      <RowAction icon={REVOKE_ICON} label={`Revoke ${name}`} onClick={() => onDecide(row, 'REVOKE')} />
      <RowAction icon={REASSIGN_ICON} label={`Reassign ${name}`} onClick={() => onReassign(row)} />
      <RowAction icon={DETAILS_ICON} label={`Details ${name}`} onClick={() => onDetails(row)} />
    </GridActionsCell>
  );
}

function DetailsOnlyCell(params: GridRenderCellParams<AccessReviewItem>) {
  const { onDetails } = useContext(ItemCellContext);
  return (
    <GridActionsCell {...params} suppressChildrenValidation>
      <RowAction icon={DETAILS_ICON} label={`Details ${rowName(params.row)}`} onClick={() => onDetails(params.row)} />
    </GridActionsCell>
  );
}

/**
 * The item grid's columns. Sortable columns are named by their ISC sorter, so the grid's sort model
 * is the API's `sorters` (one column: the community grid's limit and the useful case).
 */
export function itemColumns(options: { readOnly: boolean }): GridColDef<AccessReviewItem>[] {
  return [
    {
      field: 'identitySummary.name',
      headerName: 'Identity',
      minWidth: 170,
      flex: 1,
      valueGetter: (_value, row) => identityName(row),
      renderCell: ({ row }) => <OneLine text={identityName(row)} fallback="(no name)" />,
    },
    {
      field: 'access.name',
      headerName: 'Access',
      minWidth: 150,
      flex: 1.2,
      valueGetter: (_value, row) => accessName(row),
      renderCell: ({ row }) => <OneLine text={accessName(row)} fallback="(no name)" />,
    },
    {
      field: 'access.type',
      headerName: 'Type',
      width: 100,
      valueGetter: (_value, row) => accessTypeLabel(row.accessSummary?.access?.type),
    },
    {
      field: 'entitlement.sourceName',
      headerName: 'Source',
      minWidth: 100,
      flex: 0.7,
      valueGetter: (_value, row) => sourceName(row) ?? '—',
      renderCell: ({ row }) => <OneLine text={sourceName(row) ?? '—'} />,
    },
    {
      field: 'description',
      headerName: 'Description',
      minWidth: 110,
      flex: 0.9,
      sortable: false,
      valueGetter: (_value, row) => description(row) ?? '',
      renderCell: ({ row }) => {
        const text = description(row);
        return text ? <OneLine text={text} /> : <OneLine text="No description" muted />;
      },
    },
    {
      field: 'owner',
      headerName: 'Owner',
      minWidth: 100,
      flex: 0.6,
      sortable: false,
      valueGetter: (_value, row) => ownerName(row) ?? '—',
      renderCell: ({ row }) => <OneLine text={ownerName(row) ?? '—'} />,
    },
    {
      field: 'flags',
      headerName: 'Flags',
      minWidth: 120,
      flex: 0.8,
      sortable: false,
      valueGetter: (_value, row) => riskFlags(row).map((f) => RISK_LABELS[f]).join(', '),
      renderCell: ({ row }) => <FlagsCell row={row} />,
    },
    {
      field: 'decision',
      headerName: 'Decision',
      width: 100,
      sortable: false,
      renderCell: ({ row }) => <DecisionCell row={row} />,
    },
    {
      field: 'comments',
      headerName: 'Comment',
      minWidth: 90,
      flex: 0.8,
      sortable: false,
      renderCell: ({ row }) => <CommentCell row={row} />,
    },
    options.readOnly
      ? { field: 'actions', headerName: 'Actions', width: 80, sortable: false, renderCell: (params) => <DetailsOnlyCell {...params} /> }
      : { field: 'actions', headerName: 'Actions', width: 164, sortable: false, renderCell: (params) => <ActionsCell {...params} /> },
  ];
}
