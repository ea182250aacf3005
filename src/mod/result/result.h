/*
 * The result page of a matter (成果共享, STAGES.md co-share): its whole life
 * on one page, from the first opinion to the evaluation, for everyone who
 * reads the matter, printable on A4 with a QR code back to the page:
 * - the proposal, its support by households, the timeline of decisions with
 *   reasons, the votes with their rules, the public notice and its
 *   objections with the answers (mod/matter, mod/vote);
 * - the project: tasks, milestones, organisers, every yuan in and out and
 *   every contribution (mod/project), its volunteer shifts (mod/volunteer);
 * - what was built (the project's facilities) and the reports about it
 *   since (mod/facility, mod/report);
 * - the assessments with their arithmetic and follow-up tasks, and the
 *   satisfaction surveys (mod/evaluation, mod/satisfaction);
 * - who benefited: the buildings under the matter's place, with their
 *   households, and how many households took part (each owner module
 *   answers X_households: supports, opinions, votes, volunteers,
 *   assessments, surveys), counted once each, building by building.
 * Nothing here is stored: each owner module's own rules read it, so the
 * page shows exactly what each of them shows the reader.
 *
 * Ownership: json_t values are the caller's.
 */
#ifndef WG_MOD_RESULT_H
#define WG_MOD_RESULT_H

#include <jansson.h>

#include "kernel/kernel.h"

#define RESULT_BUILDINGS_MAX 200 /* buildings listed under a matter's place */

json_t *result_json(dctx *c, int64_t matter_id, int *rc);

extern const struct module result_module;

#endif
