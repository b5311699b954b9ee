import type { Metadata } from "next";

import { CourseCard } from "@/components/CourseCard";
import { CoursesDocument } from "@/gql/graphql";
import { fetchGraphQL } from "@/lib/cms";

export const metadata: Metadata = { title: "Teaching", description: "The lab's courses." };

export default async function TeachingRoute() {
  const { courses } = await fetchGraphQL(CoursesDocument, {});
  return (
    <article className="page page-wide">
      <header className="page-header">
        <h1>Teaching</h1>
      </header>
      {courses.length ? (
        <div className="card-grid">
          {courses.map((course) => (
            <CourseCard key={course.code} course={course} />
          ))}
        </div>
      ) : (
        <p>No courses yet.</p>
      )}
    </article>
  );
}
