// Pseudo-translation (locale qps-ploc): accented letters, about 35% longer,
// bracketed, with every code and protected span kept, so that text the
// pipeline does not extract, or a layout that truncates, shows before any
// translator starts.
#ifndef L10N_PIPELINE_PSEUDO_H_
#define L10N_PIPELINE_PSEUDO_H_

#include "pipeline/content.h"
#include "pipeline/xliff.h"

namespace l10n {

Content PseudoTranslate(const Content& source);

// Every segment of `doc` gets a pseudo-translated target, state translated.
void PseudoTranslateDocument(XliffDocument& doc);

}  // namespace l10n

#endif  // L10N_PIPELINE_PSEUDO_H_
