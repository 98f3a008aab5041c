"""Starting processes: the embedded Redis and local workers of one ``submit``, and the
``supercharger worker`` / ``flower`` launchers of a real cluster."""
