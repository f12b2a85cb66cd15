/**
 * Product answers (sources 000, 001): the workspace's catalogue of products and services, and a
 * library of the questions leads ask with their answers, per language, tagged by product and
 * project, which the agent searches on the call as they type — tolerant of typos (trigrams on a
 * Latin transliteration) and of word forms (each language's stemmer).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Product answers")
package dev.callsheet.answers;
