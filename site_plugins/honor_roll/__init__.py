"""The honor roll (好人榜): every published honoree, searchable by name, pinyin and place."""
