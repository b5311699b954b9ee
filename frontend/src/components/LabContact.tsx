import type { LabSettingsFieldsFragment } from "@/gql/graphql";

import { RichText } from "./RichText";

/** Joining the lab: the recruiting text, form, PhD applicants' note and how to get in touch. */
export function Recruiting({ settings }: { settings: LabSettingsFieldsFragment }) {
  const { recruitingText, recruitingFormUrl, phdApplicantsNote, contactEmail } = settings;
  if (!recruitingText && !recruitingFormUrl && !phdApplicantsNote && !contactEmail) return null;
  return (
    <>
      <RichText html={recruitingText} />
      {recruitingFormUrl ? (
        <p>
          <a className="button" href={recruitingFormUrl} rel="noopener">
            Recruiting form
          </a>
        </p>
      ) : null}
      {phdApplicantsNote ? <p className="note">{phdApplicantsNote}</p> : null}
      <ContactDetails settings={settings} />
    </>
  );
}

/** E-mail, office and social links, as a definition list; nothing when none is set. */
export function ContactDetails({ settings, className }: { settings: LabSettingsFieldsFragment; className?: string }) {
  const { contactEmail, office, socialLinks } = settings;
  if (!contactEmail && !office && !socialLinks.length) return null;
  return (
    <dl className={className ? `contact ${className}` : "contact"}>
      {contactEmail ? (
        <div>
          <dt>E-mail</dt>
          <dd>
            <a href={`mailto:${contactEmail}`}>{contactEmail}</a>
          </dd>
        </div>
      ) : null}
      {office ? (
        <div>
          <dt>Office</dt>
          <dd>{office}</dd>
        </div>
      ) : null}
      {socialLinks.length ? (
        <div>
          <dt>Elsewhere</dt>
          <dd>
            <ul className="inline-links">
              {socialLinks.map((link) => (
                <li key={link.url}>
                  <a href={link.url} rel="noopener me">
                    {link.label}
                  </a>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
