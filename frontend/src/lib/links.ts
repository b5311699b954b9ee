// Link kinds, as the CMS defines them (core/blocks.py, LINK_KINDS). A project's links carry only
// `kind` here: the API's `ProjectLink.label` fails (it calls Django's get_kind_display with
// grapple's resolver arguments), so the label is looked up from the kind instead.

const LINK_KIND_LABELS: Record<string, string> = {
  paper: "Paper",
  code: "Code",
  demo: "Demo",
  video: "Video",
  slides: "Slides",
  media: "Media",
  event: "Event",
  huggingface: "Hugging Face",
  website: "Website",
};

export function linkKindLabel(kind: string): string {
  return LINK_KIND_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}
