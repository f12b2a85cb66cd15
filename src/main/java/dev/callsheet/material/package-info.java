/**
 * Material by e-mail (docs/domain.md §3.1; source 002: offering material is how contact data is won): the
 * brochures and price lists the workspace keeps, e-mail templates per language with merge fields, and
 * each sending to a lead — allowed when the lead asked for it or agreed to marketing mail, carried by the
 * outbox so a failed send shows on the card and can be tried again, and recorded as a one-way touch on
 * the card and the lead's open deal.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Material by e-mail")
package dev.callsheet.material;
