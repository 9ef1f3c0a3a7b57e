"""Calendar: "我们的节日" computed from the lunar calendar, fixed days, and the iCalendar feed."""
