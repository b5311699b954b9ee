import { formatPartialDate, partialDateTime } from "@/lib/format";

/** A date only as precise as it is known: "2023", "March 2023" or "March 5, 2023". */
export function PartialDate({ date, precision }: { date: string; precision: string }) {
  return <time dateTime={partialDateTime(date, precision)}>{formatPartialDate(date, precision)}</time>;
}
