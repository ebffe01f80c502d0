-- Cases heard (meeting_date set) per area and calendar quarter, all panels.
SELECT panel,
       area,
       substr(meeting_date, 1, 4) || 'Q' || ((CAST(substr(meeting_date, 6, 2) AS INTEGER) + 2) / 3) AS quarter,
       count(*) AS cases_heard
FROM referrals
WHERE meeting_date IS NOT NULL
GROUP BY panel, area, quarter
ORDER BY panel, area, quarter;
