// Inline math for Draftail (core/math_text.py): the toolbar's "∑" button asks for a LaTeX formula (or takes the
// selected text as one) and inserts it as an immutable entity whose text is the source; the entity shows the
// formula as MathML beside its source, rendered by the CMS's own parser, or the parser's message in red. Clicking
// a formula edits it.
(() => {
  const React = window.React;
  const { EditorState, Modifier } = window.DraftJS;
  const h = React.createElement;
  const previews = new Map(); // LaTeX -> {mathml} or {error}, shared by every editor on the page

  function selectedText(editorState) {
    const selection = editorState.getSelection();
    if (selection.isCollapsed() || selection.getAnchorKey() !== selection.getFocusKey()) return "";
    const block = editorState.getCurrentContent().getBlockForKey(selection.getStartKey());
    return block.getText().slice(selection.getStartOffset(), selection.getEndOffset());
  }

  class MathSource extends React.Component {
    componentDidMount() {
      const { editorState, entityType, entity, onComplete, onClose } = this.props;
      const current = entity ? entity.getData().latex : selectedText(editorState);
      const answer = window.prompt("Inline formula in LaTeX, without dollar signs (e.g. \\frac{a}{b}):", current || "");
      const latex = (answer || "").trim();
      if (!latex) {
        onClose();
        return;
      }
      const content = editorState.getCurrentContent().createEntity(entityType.type, "IMMUTABLE", { latex });
      const entityKey = content.getLastCreatedEntityKey();
      const withFormula = Modifier.replaceText(content, editorState.getSelection(), latex, null, entityKey);
      onComplete(EditorState.push(editorState, withFormula, "insert-characters"));
    }

    render() {
      return null;
    }
  }

  function usePreview(latex) {
    const [preview, setPreview] = React.useState(previews.get(latex) || null);
    React.useEffect(() => {
      if (previews.has(latex)) {
        setPreview(previews.get(latex));
        return undefined;
      }
      let current = true;
      const url = `${window.labMathPreviewUrl}?${new URLSearchParams({ latex })}`;
      fetch(url, { credentials: "same-origin" })
        .then((response) => response.json())
        .then((result) => {
          previews.set(latex, result);
          if (current) setPreview(result);
        })
        .catch(() => current && setPreview({ error: "The preview could not be loaded." }));
      return () => {
        current = false;
      };
    }, [latex]);
    return preview;
  }

  function MathFormula({ entityKey, contentState, children, onEdit }) {
    const { latex } = contentState.getEntity(entityKey).getData();
    const preview = usePreview(latex);
    const error = preview && preview.error;
    return h(
      "span",
      {
        className: error ? "lab-math lab-math--error" : "lab-math",
        "data-latex": latex,
        title: error || "Inline formula: click to edit",
        onMouseUp: () => onEdit && onEdit(entityKey),
      },
      h("span", { className: "lab-math__source" }, children),
      preview &&
        h("span", {
          className: "lab-math__preview",
          contentEditable: false,
          // MathML from the CMS's own serialiser (core/math.py): every text and attribute escaped, no links.
          dangerouslySetInnerHTML: error ? undefined : { __html: preview.mathml },
          children: error ? ` ${error}` : undefined,
        }),
    );
  }

  window.draftail.registerPlugin({ type: "MATH", source: MathSource, decorator: MathFormula }, "entityTypes");
})();
