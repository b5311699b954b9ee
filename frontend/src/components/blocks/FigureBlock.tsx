import type { FigureBlockFieldsFragment } from "@/gql/graphql";

import { CmsImage, IMAGE_SIZES } from "../CmsImage";

// The API gives a null image when it was deleted or sits in a private collection: the figure is left out.
export function FigureBlock({ block }: { block: FigureBlockFieldsFragment }) {
  if (!block.image) {
    return null;
  }
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
