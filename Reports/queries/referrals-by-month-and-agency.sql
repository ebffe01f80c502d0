-- Referrals received per month and referring agency, for one panel (:panel).
SELECT substr(referral_date, 1, 7) AS month,
       referring_agency,
       count(*) AS referrals
FROM referrals
WHERE panel = upper(:panel)
GROUP BY month, referring_agency
ORDER BY month, referrals DESC, referring_agency;
