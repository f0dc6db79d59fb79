// libFuzzer target: the TMX reader (l10n::ReadTmx).
//
// Input: a TMX file. A memory that reads must write (WriteTmx) and read back
// to the same entries: memory.tmx is rewritten by every `l10n build`.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz/fuzz_common.h"
#include "pipeline/tmx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  l10n::Result<l10n::TranslationMemory> memory = l10n::ReadTmx(bytes, "fuzz.tmx");
  if (!memory.ok()) return 0;
  const std::string text = l10n::WriteTmx(*memory);
  l10n::Result<l10n::TranslationMemory> back = l10n::ReadTmx(text, "rewritten.tmx");
  if (!back.ok())
    l10n_fuzz::Fail("tmx", "a memory written back does not read: " + back.status().ToString());
  if (back->entries.size() != memory->entries.size()) {
    l10n_fuzz::Fail(
        "tmx", "round trip changed the entry count: " + std::to_string(memory->entries.size()) +
                   " -> " + std::to_string(back->entries.size()));
  }
  for (std::size_t i = 0; i < back->entries.size(); ++i) {
    if (back->entries[i].source != memory->entries[i].source ||
        back->entries[i].target != memory->entries[i].target) {
      l10n_fuzz::Fail("tmx", "round trip changed entry " + std::to_string(i));
    }
  }
  return 0;
}
