"""ZoneRef front ends: the ``zoneref`` CLI and the Qt desktop app."""
