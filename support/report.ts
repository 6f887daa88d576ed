/** A section's outcome: markdown tables for people, plain data for latest.json. */
export type Table = { title: string; columns: string[]; rows: (string | number)[][]; notes?: string[] };

export type SectionResult = {
  section: string;
  title: string;
  measuredAt: string;
  durationMs: number;
  tables: Table[];
  /** Goals and whether they were met, one line each. */
  goals: { goal: string; actual: string; met: boolean }[];
  data: unknown;
};

export function markdownTable(table: Table): string {
  const esc = (cell: string | number) => String(cell).replace(/\|/g, "\\|");
  const lines = [
    `### ${table.title}`,
    "",
    `| ${table.columns.map(esc).join(" | ")} |`,
    `| ${table.columns.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...table.rows.map((row) => `| ${row.map(esc).join(" | ")} |`),
  ];
  if (table.notes?.length) lines.push("", ...table.notes.map((note) => `_${note}_`));
  return lines.join("\n");
}

export function markdownSection(result: SectionResult): string {
  const parts = [`## ${result.title}`, "", `Measured ${result.measuredAt} in ${(result.durationMs / 1000).toFixed(1)} s.`, ""];
  for (const table of result.tables) parts.push(markdownTable(table), "");
  if (result.goals.length) {
    parts.push(
      markdownTable({
        title: "Goals",
        columns: ["goal", "measured", "met"],
        rows: result.goals.map((g) => [g.goal, g.actual, g.met ? "yes" : "**no**"]),
      }),
      "",
    );
  }
  return parts.join("\n");
}

/** A section's result, stamped with when it was measured and how long it took since `started`. */
export function sectionResult(
  section: string,
  title: string,
  started: number,
  outcome: Pick<SectionResult, "tables" | "goals" | "data">,
): SectionResult {
  return { section, title, measuredAt: new Date().toISOString(), durationMs: Date.now() - started, ...outcome };
}
