import type { RichTextBlockFieldsFragment } from "@/gql/graphql";

import { RichText } from "../RichText";

export function RichTextBlock({ block }: { block: RichTextBlockFieldsFragment }) {
  return <RichText html={block.value} />;
}
