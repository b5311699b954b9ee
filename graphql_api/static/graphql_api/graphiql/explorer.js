// The explorer page (graphql_api/explorer.py): GraphiQL against this CMS's endpoint, with the README's example
// queries as its first tabs (GraphiQL keeps the tabs a developer opens in localStorage after that).
(() => {
  const root = document.getElementById("graphiql");
  const examples = JSON.parse(document.getElementById("graphiql-examples").textContent);
  const fetcher = window.GraphiQL.createFetcher({ url: root.dataset.endpoint });
  window.ReactDOM.createRoot(root).render(
    window.React.createElement(window.GraphiQL, {
      fetcher,
      defaultTabs: examples.map((query) => ({ query })),
      defaultEditorToolsVisibility: true,
    }),
  );
})();
