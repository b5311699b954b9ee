// News kinds, as the schema documents them on `newsItems(kind:)`: "One of: paper, award, talk,
// blog, announcement, release." The API refuses any other value.
export const NEWS_KINDS = ["paper", "award", "talk", "blog", "announcement", "release"] as const;
export type NewsKind = (typeof NEWS_KINDS)[number];

const LABELS: Record<NewsKind, string> = {
  paper: "Paper",
  award: "Award",
  talk: "Talk",
  blog: "Blog",
  announcement: "Announcement",
  release: "Release",
};

export function newsKindLabel(kind: string): string {
  return (LABELS as Record<string, string>)[kind] ?? kind;
}
