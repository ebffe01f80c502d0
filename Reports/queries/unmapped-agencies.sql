-- Agency names stored as written because no mapping knew them, with where they occur.
SELECT 'referrals' AS found_in, referring_agency AS name, count(*) AS rows
FROM referrals
WHERE referring_agency NOT IN ('police', 'idva', 'children_social_care', 'adult_social_care',
    'primary_care', 'secondary_care', 'mental_health', 'substance_misuse', 'probation',
    'voluntary_sector', 'mash', 'education', 'housing', 'other')
GROUP BY name
UNION ALL
SELECT 'actions', agency, count(*)
FROM actions
WHERE agency NOT IN ('police', 'idva', 'children_social_care', 'adult_social_care',
    'primary_care', 'secondary_care', 'mental_health', 'substance_misuse', 'probation',
    'voluntary_sector', 'mash', 'education', 'housing', 'other')
GROUP BY agency
ORDER BY rows DESC;
