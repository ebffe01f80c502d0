-- Open actions per agency, with how many have passed their due date (as of today).
SELECT a.agency,
       count(*) AS open_actions,
       sum(a.due_date < date('now')) AS past_due,
       sum(a.due_date IS NULL) AS no_due_date,
       min(a.due_date) AS oldest_due_date
FROM actions a
WHERE a.status = 'open'
GROUP BY a.agency
ORDER BY past_due DESC, open_actions DESC;
