#ifndef L10N_PIPELINE_VERSION_H_
#define L10N_PIPELINE_VERSION_H_

namespace l10n {
inline constexpr char kVersion[] = "0.1.0";
}  // namespace l10n

#endif  // L10N_PIPELINE_VERSION_H_
