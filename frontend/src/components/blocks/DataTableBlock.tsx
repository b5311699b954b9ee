import type { DataTableBlockFieldsFragment } from "@/gql/graphql";

/** Cells are plain text (Wagtail's TableBlock), rendered escaped. A table without rows is left out. */
export function DataTableBlock({ block }: { block: DataTableBlockFieldsFragment }) {
  if (!block.rows.length) return null;
  const [first, ...rest] = block.rows;
  const header = block.firstRowIsHeader ? first : undefined;
  const body = block.firstRowIsHeader ? rest : block.rows;
  return (
    <figure className="block-table">
      <div className="table-scroll" tabIndex={0} role="region" aria-label={block.caption || "Table"}>
        <table>
          {block.caption ? <caption>{block.caption}</caption> : null}
          {header ? (
            <thead>
              <tr>
                {header.map((cell, index) => (
                  <th key={index} scope="col">
                    {cell}
                  </th>
                ))}
              </tr>
            </thead>
          ) : null}
          <tbody>
            {body.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
