"""Service menus (文明实践菜单) and the 四单 loop (点单 → 配单 → 送单 → 评单) at every level."""
