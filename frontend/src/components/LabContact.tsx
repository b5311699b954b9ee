import type { LabSettingsFieldsFragment } from "@/gql/graphql";

import { RichText } from "./RichText";

/** A real address gets a mailto link; a spelled-out one ("Name [at] mit [dot] edu") is shown as written. */
function isAddress(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
}

/** Joining the lab: the recruiting text, its e-mail address and form, and the PhD applicants' note. */
export function Recruiting({ settings }: { settings: LabSettingsFieldsFragment }) {
  const { recruitingText, recruitingEmail, recruitingFormUrl, phdApplicantsNote } = settings;
  if (!recruitingText && !recruitingFormUrl && !phdApplicantsNote && !recruitingEmail) return null;
  return (
    <div className="recruiting">
      <RichText html={recruitingText} />
      {recruitingFormUrl || recruitingEmail ? (
        <ul className="block-link-buttons" aria-label="Apply">
          {recruitingFormUrl ? (
            <li>
              <a className="button" href={recruitingFormUrl} rel="noopener">
                Recruiting form
              </a>
            </li>
          ) : null}
          {recruitingEmail ? (
            <li>
              <a className="button button-secondary" href={`mailto:${recruitingEmail}`}>
                {recruitingEmail}
              </a>
            </li>
          ) : null}
        </ul>
      ) : null}
      {phdApplicantsNote ? <p className="note">{phdApplicantsNote}</p> : null}
    </div>
  );
}

/** E-mail, office and social links, as a definition list; nothing when none is set. */
export function ContactDetails({ settings, className }: { settings: LabSettingsFieldsFragment; className?: string }) {
  const { contactEmail, office, officeNote, socialLinks } = settings;
  if (!contactEmail && !office && !socialLinks.length) return null;
  return (
    <dl className={className ? `contact ${className}` : "contact"}>
      {contactEmail ? (
        <div>
          <dt>E-mail</dt>
          <dd>{isAddress(contactEmail) ? <a href={`mailto:${contactEmail}`}>{contactEmail}</a> : contactEmail}</dd>
        </div>
      ) : null}
      {office ? (
        <div>
          <dt>Office</dt>
          <dd>
            {office}
            {officeNote ? <span className="office-note"> {officeNote}</span> : null}
          </dd>
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
