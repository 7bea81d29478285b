// The course and the lesson player as one chunk, fetched when the learner first opens the lessons
// (lessonState.svelte.ts): the lessons' JSON, the validator and the player stay out of the first view.
export { lessonList, loadLesson } from './catalog.ts';
export { enterStep, playActions, resetStepOf, restartStep } from './player.ts';
