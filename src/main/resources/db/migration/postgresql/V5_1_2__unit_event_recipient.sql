-- The named patient an ISSUE sent a unit to (issue 12): a field of the unit's history, not only text in
-- its reason. Required for directed and autologous units; NULL for every other event.
-- Events written before this migration kept it only in the reason, as "recipient <name>" at its end
-- (after "<reason>; " when the scan also gave a reason); that text is copied into the field here.
ALTER TABLE unit_events ADD COLUMN recipient TEXT;
UPDATE unit_events SET recipient = substr(reason, 11) WHERE action = 'ISSUE' AND reason LIKE 'recipient %';
UPDATE unit_events SET recipient = substr(reason, strpos(reason, '; recipient ') + 12)
    WHERE action = 'ISSUE' AND recipient IS NULL AND reason LIKE '%; recipient %';
