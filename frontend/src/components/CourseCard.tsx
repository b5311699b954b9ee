import type { CourseFieldsFragment } from "@/gql/graphql";

/** A course: code and name, its term, time and room, and a notice (e.g. not offered this term). */
export function CourseCard({ course, headingLevel = 2 }: { course: CourseFieldsFragment; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  const name = `${course.code} ${course.name}`;
  return (
    <article className="card course-card">
      <div className="card-body">
        <Heading className="card-title">{course.url ? <a href={course.url}>{name}</a> : name}</Heading>
        {course.notice ? <p className="notice">{course.notice}</p> : null}
        <dl className="contact">
          {course.term ? (
            <div>
              <dt>Term</dt>
              <dd>{course.term}</dd>
            </div>
          ) : null}
          {course.time ? (
            <div>
              <dt>Time</dt>
              <dd>{course.time}</dd>
            </div>
          ) : null}
          {course.location ? (
            <div>
              <dt>Location</dt>
              <dd>{course.location}</dd>
            </div>
          ) : null}
        </dl>
      </div>
    </article>
  );
}
