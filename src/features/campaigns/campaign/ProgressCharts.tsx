import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { PieChart } from '@mui/x-charts/PieChart';
import type { IdentityCertificationDto } from '../../../api/schemas';
import { percent } from '../../../components/format';
import { reviewerLoads, signOffsOverTime } from './rules';

/** Reviewers shown in the load chart; the table under it lists them all. */
const CHART_REVIEWERS = 12;

/** A chart with its title, a summary in words and its data as a table (the text alternative). */
function ChartFigure({ id, title, summary, table, children }: { id: string; title: string; summary: string; table: ReactNode; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="figure" aria-labelledby={`${id}-title`} sx={{ m: 0, p: 2, minWidth: 0 }}>
      <Typography id={`${id}-title`} variant="subtitle1" component="h3">{title}</Typography>
      <Typography variant="body2" color="text.secondary" component="figcaption" sx={{ mb: 1 }}>{summary}</Typography>
      {/* The chart repeats the summary and table for sighted users; the text is the accessible version, so the
          chart is inert: out of the tab order and the accessibility tree. */}
      <Box inert sx={{ height: 240 }}>{children}</Box>
      <Box component="details" sx={{ mt: 1 }}>
        <Typography component="summary" variant="body2" sx={{ cursor: 'pointer' }}>{title}: data as a table</Typography>
        {table}
      </Box>
    </Paper>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <Box component="table" sx={{ width: '100%', borderCollapse: 'collapse', fontSize: 14, '& th, & td': { textAlign: 'left', p: 0.5, borderBottom: 1, borderColor: 'divider' } }}>
      <caption style={{ textAlign: 'left' }}>{caption}</caption>
      <thead><tr>{head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
      <tbody>{rows.map((row, i) => <tr key={i}>{row.map((cell, j) => <td key={j}>{typeof cell === 'number' ? cell.toLocaleString() : cell}</td>)}</tr>)}</tbody>
    </Box>
  );
}

/** Decided vs pending, load and progress per reviewer, and sign-offs over time, each with a text alternative. */
export function ProgressCharts({ certifications }: { certifications: IdentityCertificationDto[] }) {
  const made = certifications.reduce((n, c) => n + (c.decisionsMade ?? 0), 0);
  const total = certifications.reduce((n, c) => n + (c.decisionsTotal ?? 0), 0);
  const pending = total - made;
  const loads = reviewerLoads(certifications);
  const shown = loads.slice(0, CHART_REVIEWERS);
  const signOffs = signOffsOverTime(certifications);
  const signed = certifications.filter((c) => c.phase === 'SIGNED').length;

  return (
    <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr 1fr' } }}>
      <ChartFigure
        id="chart-decisions"
        title="Decided vs pending"
        summary={`${made.toLocaleString()} of ${total.toLocaleString()} decisions made (${percent(made, total)}%); ${pending.toLocaleString()} pending.`}
        table={<Table caption="Decisions" head={['', 'Decisions']} rows={[['Decided', made], ['Pending', pending], ['Total', total]]} />}
      >
        <PieChart
          series={[{ innerRadius: 50, data: [{ id: 'decided', value: made, label: 'Decided' }, { id: 'pending', value: pending, label: 'Pending' }] }]}
          height={240}
        />
      </ChartFigure>
      <ChartFigure
        id="chart-reviewers"
        title="Load and progress per reviewer"
        summary={
          loads.length
            ? `${loads.length.toLocaleString()} reviewers; the heaviest, ${loads[0]!.name}, has ${loads[0]!.decisionsTotal.toLocaleString()} decisions, ${percent(loads[0]!.decisionsMade, loads[0]!.decisionsTotal)}% made.${loads.length > CHART_REVIEWERS ? ` The chart shows the ${CHART_REVIEWERS} heaviest.` : ''}`
            : 'No reviewers yet.'
        }
        table={
          <Table
            caption="Reviewers, heaviest first"
            head={['Reviewer', 'Decided', 'Pending', 'Certifications signed']}
            rows={loads.map((l) => [l.name, l.decisionsMade, l.decisionsTotal - l.decisionsMade, `${l.signed} of ${l.certifications.length}`])}
          />
        }
      >
        <BarChart
          layout="horizontal"
          yAxis={[{ scaleType: 'band', data: shown.map((l) => l.name), width: 110 }]}
          series={[
            { data: shown.map((l) => l.decisionsMade), label: 'Decided', stack: 'load' },
            { data: shown.map((l) => l.decisionsTotal - l.decisionsMade), label: 'Pending', stack: 'load' },
          ]}
          height={240}
        />
      </ChartFigure>
      <ChartFigure
        id="chart-signoffs"
        title="Sign-offs over time"
        summary={
          signOffs.length
            ? `${signed.toLocaleString()} of ${certifications.length.toLocaleString()} certifications signed, the first on ${signOffs[0]!.day} and the latest on ${signOffs[signOffs.length - 1]!.day}.`
            : `None of the ${certifications.length.toLocaleString()} certifications is signed yet.`
        }
        table={<Table caption="Sign-offs per day (UTC)" head={['Day', 'Signed that day', 'Signed in all']} rows={signOffs.map((s) => [s.day, s.signed, s.total])} />}
      >
        <LineChart
          xAxis={[{ scaleType: 'point', data: signOffs.map((s) => s.day) }]}
          series={[{ data: signOffs.map((s) => s.total), label: 'Certifications signed', area: true }]}
          height={240}
        />
      </ChartFigure>
    </Box>
  );
}
