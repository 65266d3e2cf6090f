"""The user's database: notes, bookmarks, tags, anchoring and notes files."""
