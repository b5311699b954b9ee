"""Scholarly and SEO metadata for the lab's pages: `<head>` fields, schema.org JSON-LD and Google Scholar tags.

A plain package (no models, templates or commands), so it is not in INSTALLED_APPS. The page models add its GraphQL
fields to their `graphql_fields`: `GraphQLSeo()` on every content page, `GraphQLScholarMeta()` on projects.
"""
