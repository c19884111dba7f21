-- Patient-safety facts of a unit (issue 12).
-- intended_use: the label's intended use (IntendedUse enum name). Rows stored before this migration
--   were received without it: they stay NULL ("not recorded"), count as general stock as before, are
--   shown with intendedUse null, and take the use of the next scan whose label carries a group or
--   product code. Nothing can be derived here: the product code's 6th character was not stored.
-- crossed_over: 1 when a crossover-eligible unit joined general stock (its site allows crossover).
-- recipient: the named patient an ISSUE of a directed/autologous unit went to.
-- out_of_storage_since: epoch ms when the unit last left controlled storage (NULL while in it). Rows
--   stored before this migration that are ISSUED or outside a device take their last change
--   ("updated"), which is what the 30-minute rule measured until now.
ALTER TABLE units ADD COLUMN intended_use TEXT;
ALTER TABLE units ADD COLUMN recipient TEXT;
ALTER TABLE units ADD COLUMN out_of_storage_since BIGINT;
ALTER TABLE units ADD COLUMN crossed_over INTEGER NOT NULL DEFAULT 0;
UPDATE units SET out_of_storage_since = updated WHERE status = 'ISSUED';
