/**
 * A reachability grid in the style of the Kubernetes NetworkPolicy e2e `TruthTable`
 * (kubernetes/kubernetes test/e2e/network/netpol/truthtable.go, reachability.go): rows are
 * sources, columns destinations, `.` allowed, `X` denied. Loopback cells (a pod to itself) are
 * ignored, as upstream does (`ignoreLoopback`, kubernetes/kubernetes#95879), and print as `-`.
 */
export class TruthTable {
  /**
   * A table over `peers` (rows and columns) with every cell set to `allowed`, like upstream
   * `NewReachability(pods, true)`.
   *
   * @param peers the peers, `ns/pod` for pods
   * @param allowed the initial value of every cell
   */
  static of(peers: readonly string[], allowed: boolean): TruthTable {
    return new TruthTable([...peers], [...peers], allowed);
  }

  /**
   * Parses a grid: a header line of destinations, then one line per source, each cell `.` (allow),
   * `X` (deny) or `-` (ignored loopback).
   *
   * @param grid the grid text; blank lines and leading indentation are ignored
   */
  static parse(grid: string): TruthTable {
    const lines = grid.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const [header, ...rows] = lines;
    if (header === undefined) throw new Error('TruthTable.parse: the grid is empty; write a header line of destinations first.');
    const cols = header.split(/\s+/);
    const table = new TruthTable(rows.map((r) => r.split(/\s+/)[0]), cols, true);
    for (const row of rows) {
      const [from, ...cells] = row.split(/\s+/);
      if (cells.length !== cols.length) throw new Error(`TruthTable.parse: row "${from}" has ${cells.length} cells, the header ${cols.length}.`);
      cells.forEach((cell, i) => {
        if (cell !== '.' && cell !== 'X' && cell !== '-') throw new Error(`TruthTable.parse: cell "${cell}" in row "${from}" is not ".", "X" or "-".`);
        if (cell !== '-') table.set(from, cols[i], cell === '.');
      });
    }
    return table;
  }

  private readonly cells = new Map<string, boolean>();

  private constructor(readonly rows: readonly string[], readonly cols: readonly string[], allowed: boolean) {
    for (const from of rows) for (const to of cols) if (from !== to) this.cells.set(key(from, to), allowed);
  }

  /** Sets one cell (upstream `Expect`). Loopback cells are ignored. */
  set(from: string, to: string, allowed: boolean): this {
    if (from === to) return this;
    if (!this.rows.includes(from) || !this.cols.includes(to)) throw new Error(`TruthTable: ${from} -> ${to} is not a cell; rows ${this.rows.join(' ')}, columns ${this.cols.join(' ')}.`);
    this.cells.set(key(from, to), allowed);
    return this;
  }

  /** Upstream `Expect(from, to, allowed)`. */
  expect(from: string, to: string, allowed: boolean): this {
    return this.set(from, to, allowed);
  }

  /**
   * Upstream `ExpectPeer`: sets every cell whose source matches `from` and destination matches
   * `to`; an empty filter matches every peer.
   */
  expectPeer(from: PeerFilter, to: PeerFilter, allowed: boolean): this {
    for (const f of this.rows.filter((p) => matches(p, from))) {
      for (const t of this.cols.filter((p) => matches(p, to))) this.set(f, t, allowed);
    }
    return this;
  }

  /** Upstream `ExpectAllIngress`: every source to `to`. */
  expectAllIngress(to: string, allowed: boolean): this {
    return this.expectPeer({}, exact(to), allowed);
  }

  /** Upstream `ExpectAllEgress`: `from` to every destination. */
  expectAllEgress(from: string, allowed: boolean): this {
    return this.expectPeer(exact(from), {}, allowed);
  }

  /** The value of a cell, `undefined` for loopback. */
  get(from: string, to: string): boolean | undefined {
    return this.cells.get(key(from, to));
  }

  /** Every non-loopback cell as `[from, to]`, row by row. */
  pairs(): [string, string][] {
    return this.rows.flatMap((from) => this.cols.filter((to) => to !== from).map((to): [string, string] => [from, to]));
  }

  /** A table with the same rows and columns whose cells come from `value`. */
  map(value: (from: string, to: string) => boolean): TruthTable {
    const table = new TruthTable(this.rows, this.cols, true);
    for (const [from, to] of this.pairs()) table.set(from, to, value(from, to));
    return table;
  }

  /**
   * Renders the grid.
   *
   * @param cell the character of a cell; `.`/`X` by default
   */
  render(cell: (from: string, to: string) => string = (f, t) => (this.get(f, t) ? '.' : 'X')): string {
    const width = Math.max(...this.rows.map((r) => r.length), 1);
    const colWidths = this.cols.map((c) => Math.max(c.length, 1));
    const header = `${''.padEnd(width)}  ${this.cols.map((c, i) => c.padEnd(colWidths[i])).join(' ')}`;
    const lines = this.rows.map((from) => `${from.padEnd(width)}  ${this.cols.map((to, i) => (from === to ? '-' : cell(from, to)).padEnd(colWidths[i])).join(' ')}`);
    return [header, ...lines].join('\n');
  }
}

/** Selects peers by namespace and/or pod name, like upstream `Peer{Namespace, Pod}`. */
export interface PeerFilter {
  /**
   * The namespace.
   *
   * @default - any namespace
   */
  readonly namespace?: string;
  /**
   * The pod name.
   *
   * @default - any pod
   */
  readonly pod?: string;
}

/**
 * Compares two tables over the same cells.
 *
 * @returns `undefined` when they agree, otherwise expected, observed and comparison grids
 *   (`.` agree, `X` differ) as upstream's `ValidateOrFail` prints them
 */
export function diffTables(expected: TruthTable, observed: TruthTable): string | undefined {
  const wrong = expected.pairs().filter(([f, t]) => expected.get(f, t) !== observed.get(f, t));
  if (wrong.length === 0) return undefined;
  return [
    `${wrong.length} of ${expected.pairs().length} cells differ (rows from, columns to; . allow, X deny):`,
    'expected:', expected.render(),
    'observed:', observed.render(),
    'comparison (. agree, X differ):', expected.render((f, t) => (expected.get(f, t) === observed.get(f, t) ? '.' : 'X')),
  ].join('\n');
}

function key(from: string, to: string): string {
  return `${from}\u0000${to}`;
}

function exact(peer: string): PeerFilter {
  const [namespace, pod] = peer.split('/');
  return { namespace, pod };
}

function matches(peer: string, filter: PeerFilter): boolean {
  const [namespace, pod] = peer.split('/');
  return (filter.namespace === undefined || filter.namespace === namespace) && (filter.pod === undefined || filter.pod === pod);
}
