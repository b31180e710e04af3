import 'server-only';

/** A tiny writer for the Prometheus text exposition format (0.0.4). */

type Labels = Record<string, string>;

const escape = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
const labelText = (labels?: Labels) => {
  const entries = Object.entries(labels ?? {});
  return entries.length ? `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}` : '';
};
const num = (n: number) => (Number.isFinite(n) ? String(n) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN');

export class MetricsText {
  private lines: string[] = [];

  metric(name: string, type: 'gauge' | 'counter' | 'histogram', help: string) {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    return this;
  }

  sample(name: string, value: number, labels?: Labels) {
    this.lines.push(`${name}${labelText(labels)} ${num(value)}`);
    return this;
  }

  /** `cumulative[i]` counts observations ≤ bounds[i]. */
  histogram(name: string, bounds: number[], cumulative: number[], sum: number, count: number, labels?: Labels) {
    bounds.forEach((b, i) => this.sample(`${name}_bucket`, cumulative[i], { ...labels, le: String(b) }));
    this.sample(`${name}_bucket`, count, { ...labels, le: '+Inf' });
    this.sample(`${name}_sum`, sum, labels);
    this.sample(`${name}_count`, count, labels);
    return this;
  }

  toString() {
    return this.lines.join('\n') + '\n';
  }
}
