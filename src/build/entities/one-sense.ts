/** @module One sense per text: a name the context types somewhere ("beat Somerset", "shares of Pirelli") has that type throughout. */
import { type Candidate, COORDINATION, surnamesOf } from "./propagate";

/** Whether a mention may take the type its context gives: not a country, not someone named in full. */
function retypable({ guess, country, key }: Candidate, people: ReadonlySet<string>): boolean {
  if (country || guess.drop || guess.surnameOnly || people.has(key)) return false;
  return !(guess.type === "person" && guess.strength >= 2);
}

/**
 * Applies the cues of context: a name that stands as a side in a sports report, or as a business, somewhere in
 * the text is an organisation everywhere (but where it is a venue, "In Chicago ,"); an unknown name after "in"
 * or "the town of" is a likely place.
 * @example
 * settleCues(proseCandidates(tokenize(text), text, new Set()), text); // every "Somerset" an organization once one is a side
 */
export function settleCues(candidates: readonly Candidate[], text: string): Candidate[] {
  const people = surnamesOf(candidates.map(({ key, guess }) => ({ key, type: guess.strength >= 2 ? guess.type : undefined })));
  const teams = new Set(candidates.filter((c) => c.team && retypable(c, people)).map((c) => c.key));
  // "Essex and Kent", "Derbyshire , Surrey": a list that holds a side is a list of sides.
  for (let pass = 0; pass < 3 && teams.size > 0; pass++) {
    candidates.forEach((c, i) => {
      const next = candidates[i + 1];
      if (!next || next.sentence !== c.sentence || !COORDINATION.test(text.slice(c.end, next.start))) return;
      if (teams.has(c.key) && retypable(next, people) && !next.venue) teams.add(next.key);
      if (teams.has(next.key) && retypable(c, people) && !c.venue) teams.add(c.key);
    });
  }
  const business = (c: Candidate) => retypable(c, people) && !(c.guess.type === "place" && c.guess.strength >= 2);
  const companies = new Set(candidates.filter((c) => c.company && business(c)).map((c) => c.key));
  return candidates.map((c) => {
    if (teams.has(c.key) && !c.venue && retypable(c, people)) return { ...c, guess: { type: "organization", strength: 3 } };
    if (companies.has(c.key) && business(c)) return { ...c, guess: { type: "organization", strength: 3 } };
    if (c.place && c.guess.strength === 0 && !c.guess.drop && !c.guess.surnameOnly) return { ...c, guess: { type: "place", strength: 1 } };
    return c;
  });
}
