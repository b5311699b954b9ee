// People's roles and statuses, as the CMS defines them (people/models.py, Role and Status), in the
// order the team page lists them. `PersonPage.roleLabel` is not queried: the API fails on it (it
// calls Django's get_role_display with grapple's resolver arguments), so the label is looked up
// from `role` here.

export const ROLES = [
  { value: "pi", label: "Principal investigator", plural: "Principal investigator" },
  { value: "postdoc", label: "Postdoc", plural: "Postdocs" },
  { value: "phd", label: "PhD student", plural: "PhD students" },
  { value: "masters", label: "Master's student", plural: "Master's students" },
  { value: "undergrad", label: "Undergraduate", plural: "Undergraduates" },
  { value: "visiting", label: "Visiting researcher", plural: "Visiting researchers" },
  { value: "staff", label: "Staff", plural: "Staff" },
] as const;

/** "" for a role the lab never stated ("unknown"): nothing is shown rather than a guess. */
export function roleLabel(role: string): string {
  if (role === "unknown") return "";
  return ROLES.find((item) => item.value === role)?.label ?? role;
}

/** Items grouped by role, in ROLES order; a role the CMS added later goes last, under its own name. */
export function groupByRole<T extends { role: string }>(people: readonly T[]): { role: string; label: string; people: T[] }[] {
  const groups = ROLES.map((item) => ({ role: item.value as string, label: item.plural as string, people: [] as T[] }));
  for (const person of people) {
    let group = groups.find((item) => item.role === person.role);
    if (!group) {
      group = { role: person.role, label: person.role, people: [] };
      groups.push(group);
    }
    group.people.push(person);
  }
  return groups.filter((group) => group.people.length > 0);
}
