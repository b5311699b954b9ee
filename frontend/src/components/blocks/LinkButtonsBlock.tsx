import type { LinkButtonsBlockFieldsFragment } from "@/gql/graphql";

export function LinkButtonsBlock({ block }: { block: LinkButtonsBlockFieldsFragment }) {
  if (!block.buttons.length) return null;
  return (
    <ul className="block-link-buttons">
      {block.buttons.map((button, index) => (
        <li key={`${button.url}-${index}`}>
          <a className={`button button-${button.kind}`} href={button.url} rel="noopener">
            {button.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
