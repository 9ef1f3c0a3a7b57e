"""Monthly 通报 (county and township) and notice-board sheets, for the web and for paper."""
