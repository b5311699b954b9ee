import type { FigureBlockFieldsFragment } from "@/gql/graphql";

import { CmsImage, IMAGE_SIZES } from "../CmsImage";

export function FigureBlock({ block }: { block: FigureBlockFieldsFragment }) {
  const hasCaption = Boolean(block.caption || block.credit);
  return (
    <figure className="block-figure">
      <CmsImage image={block.image} alt={block.altText || block.image.alt} sizes={IMAGE_SIZES.content} />
      {hasCaption ? (
        <figcaption>
          {block.caption}
          {block.credit ? <small className="credit"> {block.credit}</small> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}
