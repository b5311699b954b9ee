// What `siteSearch(type:)` accepts, as the schema documents it: "Only these types, comma-separated:
// ProjectPage, PersonPage, BlogPostPage, NewsPage, ResearchAreaPage, talk, honor." The API refuses
// any other name, so the search page only ever sends one of these.

export const SEARCH_TYPES = [
  { value: "ProjectPage", label: "Projects", one: "Project" },
  { value: "PersonPage", label: "People", one: "Person" },
  { value: "BlogPostPage", label: "Blog posts", one: "Blog post" },
  { value: "NewsPage", label: "News", one: "News" },
  { value: "ResearchAreaPage", label: "Research areas", one: "Research area" },
  { value: "talk", label: "Talks", one: "Talk" },
  { value: "honor", label: "Honors", one: "Honor" },
] as const;

export type SearchType = (typeof SEARCH_TYPES)[number]["value"];

export const SEARCH_TYPE_VALUES: readonly SearchType[] = SEARCH_TYPES.map((item) => item.value);

export function searchTypeLabel(type: string): string {
  return SEARCH_TYPES.find((item) => item.value === type)?.one ?? type;
}

/** The API's limit on a query (GRAPHQL_LIMITS["MAX_SEARCH_TERMS_CHARS"]). */
export const MAX_QUERY_CHARS = 200;
