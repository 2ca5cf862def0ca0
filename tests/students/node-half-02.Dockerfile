FROM node:20-alpine

ENV NODE_ENV production

WORKDIR /home/node/app

COPY . .

RUN npm ci --only=production

USER node

EXPOSE 3000

CMD [ "npm", "start" ]
