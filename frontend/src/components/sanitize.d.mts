// Types of sanitize.mjs (plain JavaScript, so that `node --test` runs its tests without a compiler).

export type SanitizeProfile = "richText" | "mathml" | "snippet" | "highlighted";

export declare function sanitize(html: string, profile?: SanitizeProfile): string;
