-- Issue 11: a reading older than security.maxReadingAge when it arrived is stored for the record but never
-- moves the device state; late marks it. Rows stored before this migration were all judged in time
-- (or arrived before the check existed): they stay false.
ALTER TABLE readings ADD COLUMN late BOOLEAN NOT NULL DEFAULT 0;
