import type { CourseFieldsFragment } from "@/gql/graphql";

/** A course: code and name, its term, time and room, and a notice (e.g. not offered this term). */
export function CourseCard({ course, headingLevel = 2 }: { course: CourseFieldsFragment; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  const name = `${course.code} ${course.name}`;
  const details = (
    [
      ["Term", course.term],
      ["Time", course.time],
      ["Location", course.location],
    ] as const
  ).filter(([, value]) => value);
  return (
    <article className="card course-card">
      <div className="card-body">
        <Heading className="card-title">{course.url ? <a href={course.url}>{name}</a> : name}</Heading>
        {course.notice ? <p className="notice">{course.notice}</p> : null}
        <dl className="contact">
          {details.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
    </article>
  );
}
